package org.jstap.runtime;

/** A compiled probe body. Generated code implements it with a direct reference to a static method. */
@FunctionalInterface
public interface ProbeHandler {
    void handle(Context c);
}
