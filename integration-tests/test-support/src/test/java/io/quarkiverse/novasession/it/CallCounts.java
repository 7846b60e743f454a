package io.quarkiverse.novasession.it;

import java.util.Map;
import java.util.TreeMap;

/**
 * Store calls as the test applications' counting clients report them ({@code /inspect/hotrod-calls},
 * {@code /inspect/redis-calls}): a map of call kind to count since the application started.
 */
public final class CallCounts {

    private CallCounts() {
    }

    /**
     * @return the calls of each kind made between {@code before} and {@code now}, leaving out the kinds not made
     */
    public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> made = new TreeMap<>();
        now.forEach((kind, count) -> {
            long difference = count - before.getOrDefault(kind, 0L);
            if (difference != 0) {
                made.put(kind, difference);
            }
        });
        return made;
    }
}
