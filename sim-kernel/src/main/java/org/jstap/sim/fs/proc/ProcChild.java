package org.jstap.sim.fs.proc;

/** A name in a proc directory: what readdir emits and lookup instantiates. */
public record ProcChild(String name, long ino, ProcInodeInfo info) {}
