package org.jstap.sim.init;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The initcall sections ({@code .initcall<N>.init}): subsystems register a function at a level,
 * as {@code core_initcall(fn)} does at link time, and {@link Main#do_initcalls} calls them in
 * level order, each level in registration order.
 */
public final class Initcalls {
    /** One registered initcall: its Linux name and the call, which returns 0 or a negative errno. */
    public record Initcall(String name, IntSupplier fn) {}

    private final Map<InitcallLevel, List<Initcall>> levels = new EnumMap<>(InitcallLevel.class);

    /** {@code core_initcall(fn)} and friends. */
    public void register(InitcallLevel level, String name, IntSupplier fn) {
        levels.computeIfAbsent(level, l -> new ArrayList<>()).add(new Initcall(name, fn));
    }

    /** The initcalls of one level, in the order they were registered. */
    public List<Initcall> at(InitcallLevel level) {
        return List.copyOf(levels.getOrDefault(level, List.of()));
    }
}
