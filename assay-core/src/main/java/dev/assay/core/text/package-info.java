/**
 * Text that came from outside (model outputs, dataset fields, file names, library messages) made
 * safe to show: {@link dev.assay.core.text.SafeText} removes what no writer can encode, {@link
 * dev.assay.core.text.MarkdownText} escapes it for Markdown, {@link
 * dev.assay.core.text.TerminalText} escapes control and bidirectional characters for a terminal,
 * {@link dev.assay.core.text.Excerpt} quotes file content in a message short and with secrets
 * redacted, and {@link dev.assay.core.text.JsonProblem} words a parser's complaint without its
 * internals. Every module uses these, so one rule holds everywhere (docs/security.md).
 */
package dev.assay.core.text;
