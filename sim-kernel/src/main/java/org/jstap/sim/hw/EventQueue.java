package org.jstap.sim.hw;

import java.util.PriorityQueue;

/**
 * The machine's future, in virtual time: device events (a timer's compare value reached, a disk
 * request done) ordered by time and then by the order they were scheduled, so that every run
 * replays the same sequence.
 */
public final class EventQueue {
    /** Something that happens at a virtual time. */
    public static final class Event implements Comparable<Event> {
        final long timeNs;
        final long sequence;
        final Runnable action;
        boolean cancelled;

        Event(long timeNs, long sequence, Runnable action) {
            this.timeNs = timeNs;
            this.sequence = sequence;
            this.action = action;
        }

        public long timeNs() {
            return timeNs;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(timeNs, o.timeNs);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long nextSequence;

    public Event schedule(long timeNs, Runnable action) {
        Event e = new Event(timeNs, nextSequence++, action);
        queue.add(e);
        return e;
    }

    /** The next event that is not cancelled, removed from the queue; null when none is left. */
    public Event poll() {
        Event e;
        do {
            e = queue.poll();
        } while (e != null && e.cancelled);
        return e;
    }

    /** Time of the next live event, or Long.MAX_VALUE. */
    public long peekTime() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().timeNs;
    }
}
