/**
 * Text that came from outside (model outputs, dataset fields) made safe to show: {@link
 * dev.assay.core.text.SafeText} removes what no writer can encode, {@link
 * dev.assay.core.text.MarkdownText} escapes it for Markdown. Every module that writes Markdown
 * uses these, so one escaping rule holds everywhere.
 */
package dev.assay.core.text;
