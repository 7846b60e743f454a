package io.quarkiverse.novasession.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

/**
 * A warning that may happen on every request (a store away, clients breaking limits, a full memory store): logged at
 * most once a minute, with how many times it happened since the last line, and never with a stack trace. A flood of
 * bad requests then costs the log one line a minute.
 */
public final class ThrottledLog {

    private static final long INTERVAL_MILLIS = 60_000;

    private final Logger log;
    private final LongAdder since = new LongAdder();
    private final AtomicLong lastLine = new AtomicLong(Long.MIN_VALUE / 2);

    public ThrottledLog(Class<?> owner) {
        this.log = Logger.getLogger(owner);
    }

    /**
     * Counts one occurrence, and logs it if the last line is a minute old.
     *
     * @param format a {@link String#format} pattern whose first argument is the count, the others {@code args}
     */
    public void warn(String format, Object... args) {
        since.increment();
        long now = System.currentTimeMillis();
        long last = lastLine.get();
        if (now - last >= INTERVAL_MILLIS && lastLine.compareAndSet(last, now)) {
            Object[] all = new Object[args.length + 1];
            all[0] = since.sumThenReset();
            System.arraycopy(args, 0, all, 1, args.length);
            log.warn(String.format(format, all));
        }
    }
}
