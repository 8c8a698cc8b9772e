package org.jstap.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The symbol table names kernel functions by their Linux names and files. */
class KallsymsTest {

    @Test
    void procKallsyms_listsBootAndTimerFunctionsWithFiles() {
        String text = Kallsyms.proc_kallsyms();
        assertTrue(text.matches("(?s).*ffffffff8[0-9a-f]{7} T start_kernel\\t\\[init/main.c]\\n.*"), text);
        assertTrue(text.contains(" do_timer\t[kernel/time/timekeeping.c]\n"), text);
        assertTrue(text.contains(" init_IRQ\t[init/main.c]\n"), text);
        assertTrue(text.contains(" t setup_arch\t[init/main.c]\n"), "package-private functions are local symbols");
    }

    @Test
    void symbols_haveUniqueAscendingAddressesAndNoJavaNames() {
        Set<Long> addresses = new HashSet<>();
        long last = 0;
        for (Kallsyms.Symbol s : Kallsyms.symbols()) {
            assertTrue(addresses.add(s.address()));
            assertTrue(Long.compareUnsigned(s.address(), last) > 0);
            last = s.address();
            assertFalse(s.name().equals("toString") || s.name().equals("hashCode"), s.name());
            assertTrue(s.name().contains("_"), s.name());
        }
        assertEquals(Kallsyms.KERNEL_BASE, Kallsyms.symbols().get(0).address());
    }
}
