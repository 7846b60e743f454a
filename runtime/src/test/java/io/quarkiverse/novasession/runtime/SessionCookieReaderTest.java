package io.quarkiverse.novasession.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link SessionCookieReader} on its own, no Quarkus: the right id out of ordinary and adversarial {@code Cookie}
 * headers, in time linear in the header's length.
 */
class SessionCookieReaderTest {

    private final SessionIdSigner signer = SessionIdSigner.withRandomKey();
    private final SessionCookieReader reader = new SessionCookieReader("session_id", IdSigning.of(signer));
    private final String id = signer.generate();

    @Test
    void findsTheSessionCookieAmongOthers() {
        assertThat(read("session_id=" + id)).isEqualTo(id);
        assertThat(read("theme=dark; session_id=" + id + "; lang=en")).isEqualTo(id);
        assertThat(read("theme=dark;session_id=" + id)).isEqualTo(id);
        assertThat(read("  session_id = " + id + " ;x=y")).isEqualTo(id);
        assertThat(read("session_id=\"" + id + "\"")).isEqualTo(id);
    }

    @Test
    void readsNoSessionFromMissingEmptyForgedOrMisnamedCookies() {
        assertThat(read("")).isNull();
        assertThat(read("session_id=")).isNull();
        assertThat(read("session_id")).isNull();
        assertThat(read("session_id; x=" + id)).isNull();
        assertThat(read("xsession_id=" + id)).isNull();
        assertThat(read("session_idx=" + id)).isNull();
        assertThat(read("session_id=" + "A".repeat(SessionIdSigner.LENGTH))).isNull();
        assertThat(read("session_id=" + id + "x")).isNull();
    }

    @Test
    void thousandsOfPairsWithoutEqualsSignBeforeTheSessionCookieLast() {
        String noise = "flag;".repeat(5_000);
        assertThat(read(noise + "session_id=" + id)).isEqualTo(id);
        assertThat(read(noise + "session_id")).isNull();
        // a nameless pair's '=' search must not reach into the next pair, whose '=' belongs to it
        assertThat(read("session_id;" + "flag;".repeat(1_000) + "other=" + id)).isNull();
    }

    @Test
    void duplicateSessionCookiesCountOnlyWhenTheyAgree() {
        assertThat(read("session_id=" + id + "; session_id=" + id)).isEqualTo(id);
        assertThat(read("session_id=" + id + "; session_id=\"" + id + "\"")).isEqualTo(id);
        assertThat(read("session_id=" + id + "; session_id=" + signer.generate())).isNull();
        assertThat(read("session_id=" + id + "; session_id=")).isNull();
        assertThat(read("session_id=garbage; session_id=" + id)).isNull();
        assertThat(reader.sessionId(List.of("a=b", "session_id=" + id, "session_id=" + id))).isEqualTo(id);
        assertThat(reader.sessionId(List.of("session_id=" + id, "session_id=" + signer.generate()))).isNull();
        assertThat(reader.sessionId(List.of())).isNull();
    }

    /**
     * 400,000 pairs without {@code =} then the session cookie: 1.2 million characters, read correctly. (Before the
     * search for {@code =} was bounded to its pair, this header took about 3 seconds; it is not timed here: speed is
     * for benchmarks, not for unit tests on a shared machine.)
     */
    @Test
    void millionCharacterHeaderOfPairsWithoutEqualsSignStillFindsTheSessionCookie() {
        String header = "ab;".repeat(400_000) + "session_id=" + id;
        assertThat(read(header)).isEqualTo(id);
        assertThat(read("ab;".repeat(400_000) + "session_id=")).isNull();
    }

    private String read(String header) {
        return reader.sessionId(List.of(header));
    }
}
