package org.jstap.sim.kernel.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;

/**
 * kernel/module/main.c: loading and unloading modules. Pass 5 of the translator loads a compiled
 * script through {@link #init_module}, exactly as staprun inserts a SystemTap module. A module's
 * init may export symbols ({@link #EXPORT_SYMBOL}); another module that takes one with
 * {@link #symbol_get} holds a reference, and a module in use cannot be removed.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/module/main.c")
public final class ModuleLoader {
    private final Kernel kernel;
    /** The modules list, newest first as in /proc/modules; guarded by the running thread (module_mutex). */
    private final List<Module> modules = new ArrayList<>();
    /** Exported symbols and the module that owns each. */
    private final Map<String, Module> exportOwners = new LinkedHashMap<>();
    private final Map<String, Object> exports = new LinkedHashMap<>();
    /** The module whose init is running: what EXPORT_SYMBOL attributes to. */
    private Module loading;
    /** Where the next module's core goes (module_alloc in the modules area). */
    private long nextAddress = MODULES_VADDR;
    static final long MODULES_VADDR = 0xffffffff01000000L;

    public ModuleLoader(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Loads and initialises a module: 0, or -EEXIST if one of that name is loaded, or init's error. */
    public int init_module(KernelModule code) {
        if (find_module(code.name()).isPresent()) {
            return -Errno.EEXIST;
        }
        long size = (Math.max(code.size(), 1) + 4095) & ~4095L;
        Module mod = new Module(code, nextAddress, size);
        nextAddress += size;
        modules.add(0, mod);
        return do_init_module(mod);
    }

    private int do_init_module(Module mod) {
        loading = mod;
        int ret;
        try {
            ret = mod.code().init(kernel);
        } finally {
            loading = null;
        }
        if (ret != 0) {
            drop_exports(mod);
            modules.remove(mod);
            kernel.printk().pr_warn(mod.name() + ": module init failed: " + ret);
            return ret;
        }
        mod.state = Module.State.LIVE;
        return 0;
    }

    /** Unloads a module by name: 0, -ENOENT, or -EWOULDBLOCK while another module uses its symbols. */
    public int delete_module(String name) {
        Optional<Module> found = find_module(name);
        if (found.isEmpty()) {
            return -Errno.ENOENT;
        }
        Module mod = found.get();
        if (mod.refcnt > 0) {
            return -Errno.EWOULDBLOCK;
        }
        mod.state = Module.State.GOING;
        mod.code().exit();
        drop_exports(mod);
        modules.remove(mod);
        return 0;
    }

    /** EXPORT_SYMBOL, called from a module's init: {@code value} is reachable by name. 0 or -EEXIST. */
    public int EXPORT_SYMBOL(String name, Object value) {
        if (loading == null) {
            throw new IllegalStateException("EXPORT_SYMBOL(" + name + ") outside a module's init");
        }
        if (exports.containsKey(name)) {
            kernel.printk().pr_err(loading.name() + ": exports duplicate symbol " + name + " (owned by "
                    + exportOwners.get(name).name() + ")");
            return -Errno.EEXIST;
        }
        exports.put(name, value);
        exportOwners.put(name, loading);
        return 0;
    }

    /** symbol_get: an exported symbol, taking a reference on its module; null if nobody exports it. */
    public Object symbol_get(String name) {
        Module owner = exportOwners.get(name);
        if (owner == null) {
            return null;
        }
        owner.refcnt++;
        return exports.get(name);
    }

    /** symbol_put: the reference symbol_get took is given back. */
    public void symbol_put(String name) {
        Module owner = exportOwners.get(name);
        if (owner != null && owner.refcnt > 0) {
            owner.refcnt--;
        }
    }

    private void drop_exports(Module mod) {
        exportOwners.values().removeIf(m -> m == mod);
        exports.keySet().retainAll(exportOwners.keySet());
    }

    /** /proc/modules: name, size, use count, users, state and address, newest first. */
    public String proc_modules() {
        StringBuilder out = new StringBuilder();
        for (Module m : modules) {
            String state = switch (m.state) {
                case LIVE -> "Live";
                case COMING -> "Loading";
                case GOING -> "Unloading";
            };
            out.append(String.format("%s %d %d - %s 0x%016x%n", m.name(), m.size, m.refcnt, state, m.address));
        }
        return out.toString();
    }

    public Optional<Module> find_module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<Module> modules() {
        return List.copyOf(modules);
    }
}
