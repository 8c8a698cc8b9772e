package org.jstap.runtime.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jstap.runtime.StapError;
import org.jstap.runtime.stat.HistogramSpec;
import org.junit.jupiter.api.Test;

/** StapMap behaves as a map with stap's rules for missing elements, size limits and wrapping. */
class StapMapTest {
    record Op(int kind, long k1, String k2, long value) {}

    @Property(tries = 300)
    void randomOperations_agreeWithAReferenceMap(@ForAll("ops") List<Op> ops) {
        StapMap map = new StapMap("a", 2, 100_000, false, false, HistogramSpec.NONE, 0);
        Map<List<Object>, Long> reference = new HashMap<>();
        MapKey key = new MapKey();
        for (Op op : ops) {
            key.set(0, op.k1()).set(1, op.k2());
            List<Object> k = List.of(op.k1(), op.k2());
            switch (op.kind()) {
                case 0 -> {
                    map.setLong(key, op.value(), "near");
                    reference.put(k, op.value());
                }
                case 1 -> {
                    map.addLong(key, op.value(), "near");
                    reference.merge(k, op.value(), Long::sum);
                }
                case 2 -> {
                    map.delete(key);
                    reference.remove(k);
                }
                default -> assertEquals(reference.getOrDefault(k, 0L), map.getLong(key));
            }
            assertEquals(reference.containsKey(k) ? 1 : 0, map.contains(key) ? 1 : 0);
            assertEquals(reference.size(), map.size());
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(-3, 3), Arbitraries.of("", "x", "yy"),
                Arbitraries.longs().between(-100, 100)).as(Op::new);
        return op.list().ofMaxSize(200);
    }

    @Test
    void missingRead_doesNotInsert() {
        StapMap map = new StapMap("a", 1, 10, false, true, HistogramSpec.NONE, 0);
        MapKey key = new MapKey().set(0, "nope");
        assertEquals("", map.getString(key));
        assertEquals(0, map.size());
    }

    @Test
    void full_refusesNewKeys_butUpdatesOldOnes() {
        StapMap map = new StapMap("a", 1, 2, false, false, HistogramSpec.NONE, 0);
        MapKey key = new MapKey();
        map.setLong(key.set(0, 1), 1, "n");
        map.setLong(key.set(0, 2), 2, "n");
        map.setLong(key.set(0, 2), 20, "n");
        StapError e = assertThrows(StapError.class, () -> map.setLong(key.set(0, 3), 3, "identifier 'a' at x:1:1"));
        assertEquals("Array overflow, check MAXMAPENTRIES near identifier 'a' at x:1:1", e.getMessage());
        assertEquals(20, map.getLong(key.set(0, 2)));
    }

    @Test
    void wrapping_evictsTheOldest() {
        StapMap map = new StapMap("a", 1, 2, true, false, HistogramSpec.NONE, 0);
        MapKey key = new MapKey();
        for (long i = 1; i <= 4; i++) {
            map.setLong(key.set(0, i), i, "n");
        }
        assertEquals(0, map.getLong(key.set(0, 2)));
        assertEquals(3, map.getLong(key.set(0, 3)));
        assertEquals(4, map.getLong(key.set(0, 4)));
        assertEquals(2, map.size());
    }
}
