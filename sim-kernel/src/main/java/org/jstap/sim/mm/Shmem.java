package org.jstap.sim.mm;

import java.util.HashMap;
import java.util.Map;

/**
 * mm/shmem.c, as much as shared anonymous memory needs: the object behind a MAP_SHARED |
 * MAP_ANONYMOUS mapping, holding its pages by offset so every process that maps it (after fork)
 * sees the same memory. The page cache holds one reference to each page.
 */
final class Shmem {
    final Map<Long, Long> pages = new HashMap<>();
    /** Mappings that use the object. */
    int users = 1;
}
