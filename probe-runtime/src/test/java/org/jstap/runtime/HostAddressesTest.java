package org.jstap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostAddressesTest {
    @Test
    void numbersObjectsInTheOrderFirstSeenSoRunsRepeat() {
        List<Long> first = run();
        List<Long> second = run();
        assertEquals(first, second);
        assertEquals(0xffffffffc0000000L, first.get(0));
        assertEquals(0xffffffffc0000040L, first.get(1));
    }

    @Test
    void theSameObjectKeepsItsAddressAndEqualObjectsDoNotShareOne() {
        HostAddresses a = new HostAddresses();
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        assertEquals(a.of(x), a.of(x));
        assertNotEquals(a.of(x), a.of(y), "equal but distinct lists are two objects");
    }

    @Test
    void anAddressIsNeverReusedAfterTheTableFills() {
        HostAddresses a = new HostAddresses();
        Set<Long> given = new HashSet<>();
        for (int i = 0; i < HostAddresses.LIMIT * 2 + 10; i++) {
            given.add(a.of(new Object()));
        }
        assertEquals(HostAddresses.LIMIT * 2 + 10, given.size());
    }

    private static List<Long> run() {
        HostAddresses a = new HostAddresses();
        List<Long> out = new ArrayList<>();
        Object[] objects = {new int[1], new ArrayList<>(), new Object()};
        for (Object o : objects) {
            out.add(a.of(o));
        }
        out.add(a.of(objects[0]));
        return out;
    }
}
