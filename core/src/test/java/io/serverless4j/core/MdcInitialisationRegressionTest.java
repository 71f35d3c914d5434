/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLF4J 2 hands out a stand-in MDC adapter while its provider initialises: a thread that puts a key during that
 * window puts it into the stand-in, and the thread that finishes the initialisation then replaces the adapter, so
 * the key is gone. The first concurrent invocations of a fresh environment lost their MDC keys this way (found by
 * {@code InvocationTest.twoConcurrentInvocationsInOneEnvironmentNeverSeeEachOthersIds}). Here a provider that takes
 * 300 ms to be found holds the window open, in a class loader of its own, so the race is met every time.
 */
class MdcInitialisationRegressionTest {

    @TempDir
    Path services;

    private URL[] freshClassPath() throws Exception {
        Path file = services.resolve("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        Files.createDirectories(file.getParent());
        Files.writeString(file, SlowStartingLoggingProvider.class.getName() + "\n");
        List<URL> urls = new ArrayList<>();
        urls.add(services.toUri().toURL());
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("slf4j-api") || entry.endsWith("classes"))
                .forEach(entry -> {
                    try {
                        urls.add(new File(entry).toURI().toURL());
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return urls.toArray(URL[]::new);
    }

    @Test
    void aKeyPutWhileLoggingStartsOnAnotherThreadIsNotLost() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (URLClassLoader fresh = new URLClassLoader(freshClassPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> scope = fresh.loadClass(MdcScope.class.getName());
            Method open = scope.getMethod("open");
            Method put = scope.getMethod("put", String.class, String.class);
            Method get = fresh.loadClass("org.slf4j.MDC").getMethod("get", String.class);
            CountDownLatch firstStarted = new CountDownLatch(1);
            CyclicBarrier bothPut = new CyclicBarrier(2);

            Future<String> first = threads.submit(() -> {
                firstStarted.countDown();
                put.invoke(open.invoke(null), MdcScope.REQUEST_ID, "first");
                bothPut.await(10, TimeUnit.SECONDS);
                return (String) get.invoke(null, MdcScope.REQUEST_ID);
            });
            Future<String> second = threads.submit(() -> {
                firstStarted.await(10, TimeUnit.SECONDS);
                Thread.sleep(100); // well inside the first thread's 300 ms of starting the logging provider
                put.invoke(open.invoke(null), MdcScope.REQUEST_ID, "second");
                bothPut.await(10, TimeUnit.SECONDS);
                return (String) get.invoke(null, MdcScope.REQUEST_ID);
            });

            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");
        } finally {
            threads.shutdownNow();
        }
    }
}
