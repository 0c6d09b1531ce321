/** Pairwise preferences: the Bradley-Terry model of which of two systems wins (Bradley and Terry 1952). */
package dev.assay.stats.preference;
