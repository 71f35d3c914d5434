/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache of completed results, keyed by hashed key. A synchronized
 * {@link LinkedHashMap} in access order: a Lambda execution environment serves one invocation at a time, so the
 * lock is uncontended except inside parallel batch processing, where a lookup is a small fraction of a store
 * round trip (see docs/benchmarks.md, "Idempotency", for the comparison with Caffeine). Thread-safe.
 */
public final class ResultCache {

    /**
     * One cached result.
     *
     * @param data the result JSON
     * @param payloadHash the payload hash stored with it, or null
     * @param expiration when the record expires; the entry is dropped then
     */
    public record Entry(String data, String payloadHash, Instant expiration) {}

    private final int maxEntries;
    private final LinkedHashMap<String, Entry> entries;

    /**
     * Creates a cache.
     *
     * @param maxEntries the bound; 0 disables caching
     */
    public ResultCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            // Qualified: inside a LinkedHashMap subclass, a bare "Entry" is the inherited Map.Entry on newer javac
            // (JDK 25 refuses to compile it), not this class's record.
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ResultCache.Entry> eldest) {
                return size() > ResultCache.this.maxEntries;
            }
        };
    }

    /**
     * The live entry for a key.
     *
     * @param id the hashed key
     * @param now the current time
     * @return the entry, or null when absent or expired (an expired entry is removed)
     */
    public synchronized Entry get(String id, Instant now) {
        if (maxEntries == 0) {
            return null;
        }
        Entry entry = entries.get(id);
        if (entry != null && entry.expiration().getEpochSecond() < now.getEpochSecond()) {
            entries.remove(id);
            return null;
        }
        return entry;
    }

    /**
     * Caches a completed result, evicting the least recently used entry beyond the bound.
     *
     * @param id the hashed key
     * @param entry the result
     */
    public synchronized void put(String id, Entry entry) {
        if (maxEntries > 0) {
            entries.put(id, entry);
        }
    }

    /**
     * The number of entries, expired ones included until they are looked up.
     *
     * @return the size
     */
    public synchronized int size() {
        return entries.size();
    }
}
