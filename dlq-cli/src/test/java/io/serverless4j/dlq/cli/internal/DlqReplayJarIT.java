/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.dlq.cli.DlqReplayMain;
import io.serverless4j.testing.LocalAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The runnable jar, {@code dlq-cli/target/serverless4j-dlq-replay.jar}, as users run it: a child JVM with nothing
 * but the jar, against this test's ElasticMQ. It brings its own HTTP client and logging binding: no SLF4J notice,
 * warnings (and only warnings) on standard error, the summary on standard output.
 */
@ExtendWith(LocalAws.class)
class DlqReplayJarIT {

    /** Set by dlq-cli/pom.xml's failsafe configuration to the shaded jar that {@code package} builds. */
    static final String JAR_PROPERTY = "serverless4j.dlq.cliJar";

    @TempDir
    Path dir;

    private static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        assertThat(jar).as("system property %s (run with ./mvnw verify -pl dlq-cli)", JAR_PROPERTY).isNotNull();
        assertThat(Path.of(jar)).isRegularFile();
        return Path.of(jar);
    }

    @Test
    void theJarReplaysPrintsNoSlf4jNoticeAndLogsOnlyWarningsToStandardError(SqsClient sqs) throws Exception {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "jar");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("order", 15));
        Map<String, MessageAttributeValue> nine = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("a" + i, SqsQueues.string("v" + i));
        }
        String crowded = sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("crowded")
                .messageAttributes(nine)).messageId();

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Daws.accessKeyId=serverless4j", "-Daws.secretAccessKey=serverless4j", "-jar",
                jar().toString(), "--dlq", queues.dlqUrl(), "--endpoint-url", LocalAws.sqs().endpoint().toString(),
                "--region", LocalAws.region().id(), "--progress", "none"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        System.out.println("$ java -jar serverless4j-dlq-replay.jar ...\n" + stdout + "--- stderr ---\n" + stderr);

        assertThat(child.exitValue()).isEqualTo(ExitCode.SOME_NOT_MOVED);
        assertThat(stdout).contains("DLQ replay finished: no more messages").containsPattern("moved +15\\n")
                .containsPattern("failed +1\\n").contains(crowded);
        assertThat(stderr).doesNotContain("SLF4J").doesNotContain("No SLF4J providers")
                .contains("[WARN] DlqReplayer - DLQ message " + crowded + " not moved")
                .doesNotContain("[INFO]").doesNotContain("[DEBUG]");
        assertThat(stderr.lines()).allSatisfy(line -> assertThat(line).startsWith("[WARN]"));
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).hasSize(15);
    }

    @Test
    void theJarHoldsTheProgramItsHttpClientAndOneLoggingBinding() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(DlqReplayMain.class.getName());
            assertThat(jar.getEntry("io/serverless4j/dlq/cli/DlqReplayMain.class")).isNotNull();
            assertThat(jar.getEntry("io/serverless4j/dlq/DlqReplayer.class")).isNotNull();
            assertThat(jar.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"))
                    .isNotNull();
            assertThat(jar.getEntry("simplelogger.properties")).isNotNull();
            assertThat(new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).readAllBytes(), StandardCharsets.UTF_8)
                    .strip()).isEqualTo("org.slf4j.simple.SimpleServiceProvider");
            assertThat(jar.stream().map(e -> e.getName())).noneMatch(name -> name.startsWith("ch/qos/logback/")
                    || name.startsWith("software/amazon/awssdk/http/apache/")
                    || name.startsWith("software/amazon/awssdk/http/nio/netty/"));
        }
    }
}
