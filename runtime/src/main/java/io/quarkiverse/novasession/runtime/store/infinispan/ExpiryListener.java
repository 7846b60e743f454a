package io.quarkiverse.novasession.runtime.store.infinispan;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.infinispan.client.hotrod.annotation.ClientCacheEntryExpired;
import org.infinispan.client.hotrod.annotation.ClientListener;
import org.infinispan.client.hotrod.event.ClientCacheEntryCustomEvent;
import org.infinispan.commons.io.UnsignedNumeric;
import org.infinispan.commons.marshall.Marshaller;
import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStoreContext;

/**
 * Hears the cluster expire entries of the session cache and reports each expired <em>session</em> as a
 * {@link io.quarkiverse.novasession.NovaSessionExpired} event. The cluster also expires end markers (an ended session's
 * entry lives {@code idle-timeout} after it ended); those are not sessions expiring and fire nothing.
 * <p>
 * Telling the two apart needs the expired value, which a plain expiry event lacks. The server's built-in converter
 * {@value #CONVERTER} sends it: the event data is the key and, when the listener is registered with a converter
 * parameter (see {@link #CONVERTER_PARAMS}), the expired value, each as an unsigned-int length followed by the bytes
 * in the client's format, then the version. An expiry therefore carries the session's data to every instance.
 * <p>
 * The Hot Rod client calls this listener on its own threads; observers of the event may block (JDBC, the synchronous
 * Infinispan API), so each event is handed to a worker thread and the client's thread returns at once.
 */
@ClientListener(converterFactoryName = ExpiryListener.CONVERTER, useRawData = true)
public final class ExpiryListener {

    /** {@code org.infinispan.server.hotrod.KeyValueVersionConverterFactory}, built into every Hot Rod server. */
    static final String CONVERTER = "___eager-key-value-version-converter";
    /** Any parameter at all makes that converter include the value of an expired or removed entry. */
    static final Object[] CONVERTER_PARAMS = { Boolean.TRUE };

    private static final Logger LOG = Logger.getLogger(ExpiryListener.class);

    private final NovaSessionStoreContext events;
    private final Marshaller marshaller;
    private final Executor workers;

    ExpiryListener(NovaSessionStoreContext events, Marshaller marshaller, Executor workers) {
        this.events = events;
        this.marshaller = marshaller;
        this.workers = workers;
    }

    @ClientCacheEntryExpired
    public void expired(ClientCacheEntryCustomEvent<byte[]> event) {
        ByteBuffer data = ByteBuffer.wrap(event.getEventData());
        byte[] key = new byte[UnsignedNumeric.readUnsignedInt(data)];
        data.get(key);
        byte[] value = null;
        if (data.hasRemaining()) {
            value = new byte[UnsignedNumeric.readUnsignedInt(data)];
            data.get(value);
        }
        byte[] expiredValue = value;
        try {
            workers.execute(() -> report(key, expiredValue));
        } catch (RejectedExecutionException e) {
            // shutting down: nobody is left to observe the event
            LOG.debugf("Session expiry not reported, the worker pool refused it: %s", e.getMessage());
        }
    }

    private void report(byte[] keyBytes, byte[] valueBytes) {
        Object key;
        Object value;
        try {
            key = marshaller.objectFromByteBuffer(keyBytes);
            value = valueBytes == null ? null : marshaller.objectFromByteBuffer(valueBytes);
        } catch (Exception e) {
            LOG.warnf("An expiry event of the session cache could not be read: %s", e.toString());
            return;
        }
        if (value == null) {
            // without the value it cannot be told from a marker: reporting it could announce a session that never
            // expired (it was deleted), so it is left out; the converter always sends the value of an expired entry
            LOG.debugf("Expiry event without a value for %s: not reported", key);
            return;
        }
        if (key instanceof String storeKey && value instanceof String text && !SessionDocument.isEndMarker(text)
                && !PrincipalIndexes.isIndex(storeKey)) {
            events.expired(storeKey);
        }
    }
}
