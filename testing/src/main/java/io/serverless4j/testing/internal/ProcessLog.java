/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Drains a child process's output on a daemon thread, keeping the last lines so that a failure can show them,
 * and signals when a line matching a readiness pattern appears.
 */
public final class ProcessLog {

    private static final int KEPT_LINES = 40;

    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * Starts draining {@code output}.
     *
     * @param name the thread name
     * @param output the process's merged stdout and stderr
     * @param readyLine recognises the line that says the process is ready
     */
    public ProcessLog(String name, InputStream output, Predicate<String> readyLine) {
        Thread thread = new Thread(() -> drain(output, readyLine), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream output, Predicate<String> readyLine) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > KEPT_LINES) {
                        tail.removeFirst();
                    }
                }
                if (readyLine.test(line)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // The process went away; what was read is kept.
        } finally {
            ended.countDown();
        }
    }

    /**
     * Waits until the ready line appears or the output ends.
     *
     * @param timeoutMillis how long to wait
     * @return true when the ready line appeared
     * @throws InterruptedException when interrupted
     */
    public boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (ready.await(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (ended.getCount() == 0) {
                return ready.getCount() == 0;
            }
        }
        return false;
    }

    /**
     * Waits briefly for the output to end, so a tail read after the process exited is complete.
     *
     * @param timeoutMillis how long to wait
     */
    public void awaitEnd(long timeoutMillis) {
        try {
            ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The last lines the process printed.
     *
     * @return the tail, one line per line, or a note that it printed nothing
     */
    public String tail() {
        synchronized (tail) {
            return tail.isEmpty() ? "(the process printed nothing)" : String.join(System.lineSeparator(), tail);
        }
    }
}
