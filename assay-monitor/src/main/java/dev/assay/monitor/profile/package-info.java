/**
 * Monitoring profiles: bounded summaries of a table, one per column, from which drift is tested.
 * A profile's size depends on the number of columns and the options, never on the number of rows.
 */
package dev.assay.monitor.profile;
