package io.quarkiverse.novasession.runtime;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The id signer, which may have to wait for its key: instances that share a store and have no configured
 * {@code id-keys} sign with a secret kept in the store, read at start-up. While the store cannot be reached the signer
 * is not ready, session requests answer 503, and the next request tries again.
 */
final class IdSigning {

    private static final Logger LOG = Logger.getLogger(IdSigning.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile SessionIdSigner signer;
    private final Function<String, Uni<String>> sharedKey;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final boolean configured;

    private IdSigning(SessionIdSigner signer, Function<String, Uni<String>> sharedKey, boolean configured) {
        this.signer = signer;
        this.sharedKey = sharedKey;
        this.configured = configured;
    }

    static IdSigning of(SessionIdSigner signer) {
        return new IdSigning(signer, null, false);
    }

    /**
     * @param signer a signer with the keys of {@code quarkus.nova-session.id-keys}
     */
    static IdSigning ofConfiguredKeys(SessionIdSigner signer) {
        return new IdSigning(signer, null, true);
    }

    /**
     * @return where the signing key comes from: {@code configured} ({@code id-keys}), {@code shared} (a key the
     *         instances keep in the store) or {@code generated} (a random key of this instance)
     */
    String source() {
        if (configured) {
            return "configured";
        }
        return sharedKey != null ? "shared" : "generated";
    }

    /**
     * @param sharedKey asks the store for the shared secret, proposing a new one (see
     *        {@link io.quarkiverse.novasession.NovaSessionStore#sharedIdKey}), through {@link StoreCalls}
     */
    static IdSigning sharedThroughStore(Function<String, Uni<String>> sharedKey) {
        IdSigning signing = new IdSigning(null, sharedKey, false);
        signing.fetch();
        return signing;
    }

    /**
     * @return a new random secret of 256 bits, base64url
     */
    static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * Gives the first requests a signer if the store answers within {@code timeout}; otherwise the application starts
     * all the same and session requests answer 503 until the store is back.
     */
    void awaitReady(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (signer == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    SessionIdSigner signer() {
        return signer;
    }

    /**
     * @return whether ids can be issued and checked now; if not, a fetch of the shared key is under way
     */
    boolean ready() {
        if (signer != null) {
            return true;
        }
        fetch();
        return false;
    }

    private void fetch() {
        if (!fetching.compareAndSet(false, true)) {
            return;
        }
        sharedKey.apply(newSecret()).subscribe().with(key -> {
            signer = new SessionIdSigner(List.of(key));
            fetching.set(false);
        }, failure -> {
            LOG.warnf("The session id key kept in the session store could not be read (%s): session requests answer "
                    + "503 until it can", failure.getMessage());
            fetching.set(false);
        });
    }
}
