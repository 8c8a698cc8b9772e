package org.jstap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** $var->field->field through kernel objects. */
class TargetFieldsTest {
    static final class Inner {
        private final int pid = 42;
    }

    static final class Outer {
        private final String comm = "kworker/0:1";
        private final Inner inner = new Inner();
        private final Inner missing = null;
    }

    @Test
    void read_followsFieldPaths() {
        assertEquals("kworker/0:1", TargetFields.read(new Outer(), "comm"));
        assertEquals(42, TargetFields.read(new Outer(), "inner.pid"));
    }

    @Test
    void read_throughNull_isADereferenceFault() {
        StapError e = assertThrows(StapError.class, () -> TargetFields.read(new Outer(), "missing.pid"));
        assertEquals("pointer dereference fault near field 'pid'", e.getMessage());
    }
}
