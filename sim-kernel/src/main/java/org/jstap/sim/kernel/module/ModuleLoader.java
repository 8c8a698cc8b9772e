package org.jstap.sim.kernel.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jstap.sim.Kernel;
import org.jstap.sim.kernel.Errno;

/**
 * kernel/module/main.c: loading and unloading modules. Pass 5 of the translator loads a compiled
 * script through {@link #init_module}, exactly as staprun inserts a SystemTap module.
 */
@org.jstap.sim.kernel.LinuxFile("kernel/module/main.c")
public final class ModuleLoader {
    private final Kernel kernel;
    /** The modules list, newest first as in /proc/modules; guarded by the running thread (module_mutex). */
    private final List<Module> modules = new ArrayList<>();

    public ModuleLoader(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Loads and initialises a module: 0, or -EEXIST if one of that name is loaded, or init's error. */
    public int init_module(KernelModule code) {
        if (find_module(code.name()).isPresent()) {
            return -Errno.EEXIST;
        }
        Module mod = new Module(code);
        modules.add(0, mod);
        return do_init_module(mod);
    }

    private int do_init_module(Module mod) {
        int ret = mod.code().init(kernel);
        if (ret != 0) {
            modules.remove(mod);
            kernel.printk().pr_warn(mod.name() + ": module init failed: " + ret);
            return ret;
        }
        mod.state = Module.State.LIVE;
        return 0;
    }

    /** Unloads a module by name: 0, or -ENOENT. */
    public int delete_module(String name) {
        Optional<Module> found = find_module(name);
        if (found.isEmpty()) {
            return -Errno.ENOENT;
        }
        Module mod = found.get();
        mod.state = Module.State.GOING;
        mod.code().exit();
        modules.remove(mod);
        return 0;
    }

    public Optional<Module> find_module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<Module> modules() {
        return List.copyOf(modules);
    }
}
