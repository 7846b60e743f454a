import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes on the request path, from a JFR recording of the benchmark application under load (bench/profile.sh): JDK 17's jfr
 * tool has no "view" command, so this reads the recording itself. Only samples of the Vert.x event loops count (that is
 * where every benchmark route runs).
 * <p>
 * Prints: the methods with the most samples on top of the stack (self); the share of samples inside each method of the
 * extension (inclusive); self samples by library; and the allocations (jdk.ObjectAllocationSample weight) by class and
 * by the extension's frame that made them.
 *
 * <pre>java bench/JfrProfile.java recording.jfr [rows]</pre>
 */
public class JfrProfile {

    private static final String OURS = "io.quarkiverse.novasession.";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> library = new HashMap<>();
        Map<String, Long> allocatedClass = new HashMap<>();
        Map<String, Long> allocatedBy = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            boolean sample = type.equals("jdk.ExecutionSample");
            boolean allocation = type.equals("jdk.ObjectAllocationSample");
            if (!sample && !allocation) {
                continue;
            }
            String thread = event.getThread(sample ? "sampledThread" : "eventThread") == null ? ""
                    : event.getThread(sample ? "sampledThread" : "eventThread").getJavaName();
            if (thread == null || !thread.startsWith("vert.x-eventloop")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (sample) {
                samples++;
                String top = name(frames.get(0));
                self.merge(top, 1L, Long::sum);
                library.merge(library(frames.get(0)), 1L, Long::sum);
                // a method of the extension counts when it is on the stack, unless the sample is in the next
                // handler it handed the request to (the filter calls the route through RoutingContext.next)
                Set<String> seen = new HashSet<>();
                boolean inNextHandler = false;
                for (RecordedFrame frame : frames) {
                    String method = name(frame);
                    if (method.startsWith("io.vertx.ext.web.impl.RoutingContext") && method.endsWith(".next")) {
                        inNextHandler = true;
                    }
                    if (!inNextHandler && isOurs(method) && seen.add(method)) {
                        inclusive.merge(method, 1L, Long::sum);
                    }
                }
            } else {
                long weight = event.getLong("weight");
                allocated += weight;
                allocatedClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                String by = "(not under the extension)";
                for (RecordedFrame frame : frames) {
                    String method = name(frame);
                    if (isOurs(method)) {
                        by = method + " <- " + name(frames.get(0));
                        break;
                    }
                }
                allocatedBy.merge(by, weight, Long::sum);
            }
        }
        System.out.printf("%,d execution samples on the event loops%n", samples);
        print("self (top of stack)", self, samples, rows, "%");
        print("inclusive, methods of the extension (the filter without the route it hands over to)", inclusive, samples, rows, "%");
        print("self, by library", library, samples, rows, "%");
        print("allocations by class (sampled weight)", allocatedClass, allocated, rows, "% of bytes");
        print("allocations by the extension's frame <- allocating method", allocatedBy, allocated, rows, "% of bytes");
    }

    private static boolean isOurs(String method) {
        return method.startsWith(OURS) && !method.contains(".bench.") && !method.contains("$$Lambda");
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static String library(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String[] groups = { OURS, "com.fasterxml.jackson.", "io.smallrye.mutiny.", "io.smallrye.context.",
                "io.netty.", "io.vertx.ext.web.", "io.vertx.", "io.quarkus.", "sun.security.", "com.sun.crypto.",
                "java.security.", "javax.crypto.", "java.util.concurrent.", "java.util.", "java.lang.", "jdk.internal.",
                "sun.nio.", "java.nio.", "java.io." };
        for (String group : groups) {
            if (type.startsWith(group)) {
                return group + "*";
            }
        }
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(0, dot) + ".*";
    }

    private static void print(String title, Map<String, Long> counts, long total, int rows, String unit) {
        System.out.println();
        System.out.println(title + ":");
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long> comparingByValue().reversed());
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(rows, sorted.size()))) {
            System.out.printf("  %5.1f %s  %s%n", 100.0 * entry.getValue() / Math.max(1, total), unit, entry.getKey());
        }
    }
}
