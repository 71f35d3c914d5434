/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.dlq.cli.DlqReplayMain;
import io.serverless4j.testing.LocalAws;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The at-least-once guarantee under {@code kill -9}: the CLI runs as a child JVM against this test's ElasticMQ, is
 * killed ({@link Process#destroyForcibly()}, SIGKILL) at random points several times, and is run again until the DLQ
 * is empty. Every message must reach the target, and each kill may duplicate at most workers × 10 messages.
 */
@ExtendWith(LocalAws.class)
class DlqReplayCrashIT {

    private static final int MESSAGES = 10_000;
    private static final int WORKERS = 4;
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void killedFourTimesItStillDeliversEveryMessageWithBoundedDuplicates(SqsClient sqs) throws Exception {
        long seed = Long.getLong("serverless4j.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "crash");
        List<String> bodies = SqsQueues.bodies("msg", MESSAGES);
        long start = System.nanoTime();
        fillInParallel(sqs, queues.dlqUrl(), bodies);

        List<String> command = command(queues.dlqUrl());
        List<Integer> killedAt = new ArrayList<>();
        int runs = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int before = SqsQueues.counts(sqs, queues.sourceUrl())[0];
            int killAfter = 300 + random.nextInt(1500); // messages this run moves before it is killed
            Process child = start(command, runs++);
            while (child.isAlive() && SqsQueues.counts(sqs, queues.sourceUrl())[0] < before + killAfter) {
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as("run %d finished before its kill; see its log", runs).isTrue();
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            killedAt.add(SqsQueues.counts(sqs, queues.sourceUrl())[0]);
        }
        // Run again until the DLQ is empty: messages a killed run held reappear after the 2 s visibility timeout.
        while (true) {
            int[] dlq = SqsQueues.counts(sqs, queues.dlqUrl());
            if (dlq[0] + dlq[1] == 0) {
                break;
            }
            if (dlq[0] == 0) {
                Thread.sleep(500);
                continue;
            }
            Process child = start(command, runs++);
            assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("exit code of run %d", runs).isEqualTo(ExitCode.OK);
            assertThat(runs).as("runs").isLessThan(KILLS + 8);
        }

        Map<String, Integer> arrivals = new HashMap<>();
        List<Message> target = drainInParallel(sqs, queues.sourceUrl());
        target.forEach(m -> arrivals.merge(m.body(), 1, Integer::sum));
        int duplicates = target.size() - arrivals.size();
        System.out.printf("DLQ replay crash test: seed %d, %d messages, %d workers, %d kills (target count at each "
                + "kill: %s), %d runs, %d arrived, %d distinct, %d duplicates (bound %d = kills x workers x 10), "
                + "%.1f s%n", seed, MESSAGES, WORKERS, KILLS, killedAt, runs, target.size(), arrivals.size(),
                duplicates, KILLS * WORKERS * 10, (System.nanoTime() - start) / 1e9);
        assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(duplicates).isLessThanOrEqualTo(KILLS * WORKERS * 10);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(0, 0);
    }

    private List<String> command(String dlqUrl) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Daws.accessKeyId=serverless4j");
        command.add("-Daws.secretAccessKey=serverless4j");
        String jar = System.getProperty(DlqReplayJarIT.JAR_PROPERTY);
        if (jar != null) {
            // Under Maven: the shaded CLI, dlq-cli/target/serverless4j-dlq-replay.jar, as users run it.
            assertThat(new File(jar)).as("the CLI jar `package` builds").isFile();
            command.add("-jar");
            command.add(jar);
        } else {
            // Run from an IDE: the test classpath.
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(DlqReplayMain.class.getName());
        }
        command.addAll(List.of("--dlq", dlqUrl, "--endpoint-url", LocalAws.sqs().endpoint().toString(),
                "--region", LocalAws.region().id(), "--workers", Integer.toString(WORKERS),
                "--visibility-timeout", "2s", "--progress", "none"));
        return command;
    }

    private Process start(List<String> command, int run) throws Exception {
        Path log = dir.resolve("run-" + run + ".log");
        Files.deleteIfExists(log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void fillInParallel(SqsClient sqs, String url, List<String> bodies) {
        int slices = 8;
        int size = bodies.size() / slices;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            List<String> slice = bodies.subList(i * size, i == slices - 1 ? bodies.size() : (i + 1) * size);
            threads.add(started(() -> SqsQueues.sendBodies(sqs, url, slice)));
        }
        threads.forEach(DlqReplayCrashIT::join);
    }

    private static List<Message> drainInParallel(SqsClient sqs, String url) {
        List<Message> all = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(started(() -> all.addAll(SqsQueues.drain(sqs, url))));
        }
        threads.forEach(DlqReplayCrashIT::join);
        return all;
    }

    private static Thread started(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
