/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import io.serverless4j.core.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.Abortable;

/**
 * A streamed response body (an S3 GetObject's) that cannot outlive the Lambda deadline: each read runs on a shared
 * pool of daemon threads while the caller waits for it at most until the deadline less the margin; a read still
 * waiting then is given up, the caller gets {@link DeadlineReached}, and the body is aborted as soon as that read
 * returns (the HTTP client's socket timeout ends it at the latest).
 *
 * <p>Why a read on another thread rather than a timer that aborts the stream: with the JDK's
 * {@code HttpURLConnection} (the SDK's URL-connection client, a common choice in Lambda), closing or aborting a
 * body from another thread blocks on the lock the stalled read holds, so neither returns; only a read the caller
 * does not wait for can be given up. The pool is shared and its threads are reused; a thread is held only while a
 * read is in flight. Each read fills up to 64 KiB before it returns, so a 10 MB body costs about 160 hand-overs.
 *
 * <p>Not thread-safe: one caller reads it, as with any stream.
 */
public final class DeadlineInputStream extends InputStream {

    private static final int CHUNK = 64 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Shared by every body; idle threads end after 30 s. */
    private static final ExecutorService READERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "serverless4j-thumbnails-body-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private final InputStream body;
    private final Abortable abortable;
    private final Invocation invocation;
    private final long marginNanos;
    private final byte[] chunk = new byte[CHUNK];
    private final Object lock = new Object();
    /** Set when a read was given up; guarded by {@link #lock}, like {@link #pending}. */
    private boolean gaveUp;
    private boolean pending;
    private boolean abortWhenDone;

    /**
     * Bounds a body by the invocation's deadline less a margin.
     *
     * @param body the response body
     * @param abortable aborts the body's connection (the SDK's {@code ResponseInputStream})
     * @param invocation the invocation whose deadline bounds the reads
     * @param marginNanos the time kept free before the deadline, in nanoseconds
     */
    public DeadlineInputStream(InputStream body, Abortable abortable, Invocation invocation, long marginNanos) {
        this.body = Objects.requireNonNull(body, "body");
        this.abortable = Objects.requireNonNull(abortable, "abortable");
        this.invocation = Objects.requireNonNull(invocation, "invocation");
        this.marginNanos = marginNanos;
    }

    /** The body was still arriving at the deadline less the margin. */
    public static final class DeadlineReached extends InterruptedIOException {

        private static final long serialVersionUID = 1L;

        DeadlineReached(String message) {
            super(message);
        }
    }

    /**
     * Whether a read was given up at the deadline.
     *
     * @return true once {@link DeadlineReached} was thrown
     */
    public boolean deadlineReached() {
        synchronized (lock) {
            return gaveUp;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            if (gaveUp) {
                throw new DeadlineReached("the body was given up at the Lambda deadline");
            }
        }
        long left = invocation.timeLeftNanos(marginNanos);
        if (left <= 0) {
            throw giveUp(null, 0);
        }
        int want = Math.min(len, CHUNK);
        synchronized (lock) {
            pending = true;
        }
        Future<Integer> read = READERS.submit(() -> fill(want));
        try {
            int n = read.get(left, TimeUnit.NANOSECONDS);
            if (n > 0) {
                System.arraycopy(chunk, 0, b, off, n);
            }
            return n;
        } catch (TimeoutException e) {
            throw giveUp(read, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw giveUp(read, left);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /** On a pool thread: reads until {@code want} bytes or the end; aborts the body if it was given up meanwhile. */
    private int fill(int want) throws IOException {
        try {
            int total = 0;
            while (total < want) {
                int n = body.read(chunk, total, want - total);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
            }
            return total;
        } finally {
            boolean abort;
            synchronized (lock) {
                pending = false;
                abort = abortWhenDone;
            }
            if (abort) {
                abortable.abort();
            }
        }
    }

    private DeadlineReached giveUp(Future<Integer> read, long waitedNanos) {
        boolean abortNow;
        synchronized (lock) {
            gaveUp = true;
            abortWhenDone = true;
            abortNow = !pending;
        }
        if (read != null) {
            read.cancel(false);
        }
        if (abortNow) {
            abortable.abort();
        }
        return new DeadlineReached(read == null
                ? "no time was left to read more of the body before the Lambda deadline"
                : "the body sent nothing more for " + TimeUnit.NANOSECONDS.toMillis(waitedNanos) + " ms, until the "
                        + "Lambda deadline less the safety margin");
    }

    /**
     * Aborts the body: at once when no read is in flight, else as soon as the read in flight returns (aborting from
     * here could block on the lock that read holds).
     */
    public void abort() {
        boolean abortNow;
        synchronized (lock) {
            abortWhenDone = true;
            abortNow = !pending;
        }
        if (abortNow) {
            abortable.abort();
        }
    }

    /** Closes the body, or aborts it when a given-up read is still in flight. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (pending) {
                abortWhenDone = true;
                return;
            }
        }
        body.close();
    }
}
