package io.quarkiverse.novasession.test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.smallrye.mutiny.Uni;

/**
 * Application code that keeps values in the session in each way a native build must see through, and the value types
 * it uses. Never run: the build reads its bytecode. Adding this class to a test archive adds its nested classes.
 */
final class SessionValueUses {

    private SessionValueUses() {
    }

    static class SessionUser {

        static final Class<?> UNRELATED = NotAValue.class;

        NovaSession session;
        ReactiveNovaSession reactive;

        ReadRecord read() {
            return session.get("record", ReadRecord.class).orElse(null);
        }

        Uni<Optional<ReactiveValue>> readReactively() {
            return reactive.get("reactive", ReactiveValue.class);
        }

        void write(String name) {
            Written written = new Written();
            written.name = name;
            session.set("written", written);
            session.set("visits", Integer.valueOf(1));
            session.set("name", name);
        }

        Object readOneOfTwo(boolean first) {
            Class<?> type = first ? ChoiceA.class : ChoiceB.class;
            return session.get("choice", type).orElse(null);
        }

        ArrayElement[] readArray() {
            return session.get("array", ArrayElement[].class).orElse(null);
        }

        String plain() {
            return session.get("name", String.class).orElse(session.id());
        }
    }

    /** Types chosen at run time from a table of literals kept next to the call. */
    static class TypeTable {

        private static final Map<String, Class<?>> TYPES = Map.of("table", TableValue.class, "text", String.class);

        NovaSession session;

        Object read(String key, String type) {
            return session.get(key, TYPES.get(type)).orElse(null);
        }
    }

    /** Never near a session: its class literal is not a value type. */
    static class NeverInSession {
        static final Class<?> SOME = NotAValue.class;
    }

    record ReadRecord(String title, List<Line> lines) {
    }

    /** Only a record component of {@link ReadRecord}, as {@code List<Line>}. */
    record Line(String text) {
    }

    record ReactiveValue(int count) {
    }

    static class Written {
        public String name;
    }

    record ChoiceA(String a) {
    }

    record ChoiceB(String b) {
    }

    record ArrayElement(String e) {
    }

    record TableValue(String t) {
    }

    record NotAValue(String x) {
    }
}
