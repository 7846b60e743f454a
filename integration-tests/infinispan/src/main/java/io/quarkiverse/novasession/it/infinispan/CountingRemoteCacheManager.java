package io.quarkiverse.novasession.it.infinispan;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.Configuration;

/**
 * A Hot Rod client whose caches count every request they send ({@link HotRodCalls}). The session store reaches its
 * cache through {@code administration().getOrCreateCache}, which hands out {@link #getCache(String)}: the store's calls
 * are counted without the store knowing.
 */
final class CountingRemoteCacheManager extends RemoteCacheManager {

    private final HotRodCalls calls;

    CountingRemoteCacheManager(Configuration configuration, HotRodCalls calls) {
        super(configuration);
        this.calls = calls;
    }

    @Override
    public <K, V> RemoteCache<K, V> getCache(String cacheName) {
        RemoteCache<K, V> cache = super.getCache(cacheName);
        return cache == null ? null : counting(cache);
    }

    @SuppressWarnings("unchecked")
    private <K, V> RemoteCache<K, V> counting(RemoteCache<K, V> cache) {
        InvocationHandler handler = (proxy, method, args) -> invoke(proxy, cache, method, args);
        return (RemoteCache<K, V>) Proxy.newProxyInstance(RemoteCache.class.getClassLoader(),
                new Class<?>[] { RemoteCache.class }, handler);
    }

    private Object invoke(Object proxy, RemoteCache<?, ?> cache, Method method, Object[] args) throws Throwable {
        calls.called(method.getName());
        Object result;
        try {
            result = method.invoke(cache, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result == cache) {
            return proxy;
        }
        // withFlags and the like answer another view of the same cache: its calls count too
        return result instanceof RemoteCache<?, ?> view ? counting(view) : result;
    }
}
