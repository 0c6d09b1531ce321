package dev.assay.core;

/**
 * Where a run came from, beyond its inputs' hashes.
 *
 * @param assayVersion the assay version that produced the run
 * @param gitCommit HEAD of the working directory's repository, null outside one
 * @param gitDirty whether that repository had uncommitted changes, null outside one
 * @param jvm vendor and version of the JVM
 * @param os name, version and architecture of the OS
 */
public record Lineage(String assayVersion, String gitCommit, Boolean gitDirty, String jvm, String os) {}
