package org.jstap.sim.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.jstap.sim.Kernel;
import org.jstap.sim.KernelConfig;
import org.jstap.sim.kernel.Errno;
import org.junit.jupiter.api.Test;

/** Java modules: init and exit, exported symbols, use counts, /proc/modules. */
class ModuleTest {
    private final Kernel k = Kernel.boot(new KernelConfig(1, 64, 0, ""));
    private final List<String> log = new ArrayList<>();

    private KernelModule module(String name, java.util.function.ToIntFunction<Kernel> init) {
        return new KernelModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int init(Kernel kernel) {
                log.add(name + " init");
                return init.applyAsInt(kernel);
            }

            @Override
            public void exit() {
                log.add(name + " exit");
            }
        };
    }

    @Test
    void exportedSymbol_isUsedByAnotherModule_whichKeepsItLoaded() {
        IntUnaryOperator twice = x -> 2 * x;
        assertEquals(0, k.modules().init_module(module("mathlib", kern -> kern.modules().EXPORT_SYMBOL("twice", twice))));
        int[] result = new int[1];
        assertEquals(0, k.modules().init_module(module("user", kern -> {
            result[0] = ((IntUnaryOperator) kern.modules().symbol_get("twice")).applyAsInt(21);
            return 0;
        })));
        assertEquals(42, result[0]);
        assertEquals(-Errno.EWOULDBLOCK, k.modules().delete_module("mathlib"));
        String modules = k.modules().proc_modules();
        assertEquals("user 4096 0 - Live 0xffffffff01001000\nmathlib 4096 1 - Live 0xffffffff01000000\n", modules);
        k.modules().symbol_put("twice");
        assertEquals(0, k.modules().delete_module("user"));
        assertEquals(0, k.modules().delete_module("mathlib"));
        assertNull(k.modules().symbol_get("twice"), "the symbol left with its module");
        assertEquals(List.of("mathlib init", "user init", "user exit", "mathlib exit"), log);
        assertEquals("", k.modules().proc_modules());
    }

    @Test
    void failingInit_unloadsTheModule_andItsExports() {
        assertEquals(-Errno.ENODEV, k.modules().init_module(module("broken", kern -> {
            kern.modules().EXPORT_SYMBOL("half_done", "x");
            return -Errno.ENODEV;
        })));
        assertTrue(k.modules().find_module("broken").isEmpty());
        assertNull(k.modules().symbol_get("half_done"));
        assertEquals(0, k.modules().init_module(module("a", kern -> 0)));
        assertEquals(-Errno.EEXIST, k.modules().init_module(module("a", kern -> 0)), "one module per name");
    }
}
