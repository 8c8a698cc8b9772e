package org.jstap.lang.cli.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** -e trace= and -e signal= as strace reads them. */
class QualifiersTest {
    private static final List<String> CALLS = List.of("openat", "read", "write", "close", "mmap", "getpid", "getuid",
            "clone", "execve", "kill");

    private static Qualifiers of(String... exprs) {
        Qualifiers q = new Qualifiers(CALLS);
        for (String e : exprs) {
            q.apply(e);
        }
        return q;
    }

    @Test
    void byDefault_everythingIsTraced() {
        assertEquals(null, of().tracedOrNull());
        assertTrue(of().shows(17));
    }

    @Test
    void names_andLaterSetsAdd() {
        assertEquals(Set.of("read", "close"), of("trace=read", "trace=close").tracedOrNull());
        assertEquals(Set.of("read", "write"), of("read,write").tracedOrNull());
    }

    @Test
    void classes_followStracesTables() {
        assertEquals(Set.of("openat", "execve"), of("trace=%file").tracedOrNull());
        assertEquals(Set.of("clone", "execve", "kill"), of("trace=%process").tracedOrNull());
        assertEquals(Set.of("mmap"), of("trace=%memory").tracedOrNull());
        assertEquals(Set.of(), of("trace=%network").tracedOrNull());
    }

    @Test
    void negation_regexAndOptionalNames() {
        Qualifiers q = of("trace=!%desc");
        assertFalse(q.traces("read"));
        assertTrue(q.traces("getpid"));
        assertEquals(Set.of("getpid", "getuid"), of("trace=/^get").tracedOrNull());
        assertEquals(Set.of("read"), of("trace=read,?nosuch").tracedOrNull());
        assertEquals(Set.of(), of("trace=none").tracedOrNull());
    }

    @Test
    void unknownNames_areStracesErrors() {
        assertEquals("invalid system call 'open'",
                assertThrows(Qualifiers.Invalid.class, () -> of("trace=open")).getMessage());
        assertEquals("invalid system call '%bogus'",
                assertThrows(Qualifiers.Invalid.class, () -> of("trace=%bogus")).getMessage());
        assertEquals("invalid signal 'SIGNOPE'",
                assertThrows(Qualifiers.Invalid.class, () -> of("signal=SIGNOPE")).getMessage());
        assertEquals("invalid filter action 'bogus'",
                assertThrows(Qualifiers.Invalid.class, () -> of("bogus=1")).getMessage());
    }

    @Test
    void signals_byNameWithOrWithoutSig_orNumber() {
        Qualifiers q = of("signal=CHLD,SIGTERM,2");
        assertTrue(q.shows(17) && q.shows(15) && q.shows(2));
        assertFalse(q.shows(13));
        assertFalse(of("signal=!SIGCHLD").shows(17));
        assertTrue(of("signal=!SIGCHLD").shows(13));
    }
}
