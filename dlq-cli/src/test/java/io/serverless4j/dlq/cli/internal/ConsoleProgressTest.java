/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.dlq.DlqReplayProgress;
import io.serverless4j.dlq.DlqReplayReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final StringWriter text = new StringWriter();

    @Test
    void linesModePrintsPlainLinesAtMostOncePerInterval() {
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), ConsoleProgress.Mode.LINES,
                Duration.ofHours(1));
        progress.started("dlq", "target", 100);
        progress.progress(new DlqReplayProgress(10, 10, 0, 0, 0, Duration.ofSeconds(1)));
        assertThat(text.toString()).isEqualTo("Replaying dlq -> target (about 100 messages)\n");

        ConsoleProgress every = new ConsoleProgress(new PrintWriter(text), ConsoleProgress.Mode.LINES,
                Duration.ZERO);
        every.started("dlq", "target", 100);
        every.progress(new DlqReplayProgress(50, 40, 5, 3, 2, Duration.ofSeconds(2)));
        assertThat(text.toString()).contains("progress: 50/100 handled, moved 40, skipped 5, failed 3, kept 2, "
                + "20 msgs/s\n").doesNotContain("\r");
    }

    @Test
    void barModeRedrawsOneLineAndEndsItWhenFinished() throws InterruptedException {
        ConsoleProgress bar = new ConsoleProgress(new PrintWriter(text), ConsoleProgress.Mode.BAR, Duration.ZERO);
        bar.started("dlq", "target", 40);
        Thread.sleep(250);
        bar.progress(new DlqReplayProgress(20, 20, 0, 0, 0, Duration.ofSeconds(1)));
        bar.finished(new DlqReplayReport("dlq", "target", false, DlqReplayReport.StopReason.EMPTY, 40, 40, 0,
                List.of(), List.of(), List.of(), List.of(), List.of(), Duration.ofSeconds(2)));

        assertThat(text.toString()).contains("\r[###############---------------]  50% 20/40 moved 20")
                .contains("\r[##############################] 100% 40/40 moved 40").endsWith("\n");
    }

    @Test
    void noneModePrintsNothing() {
        ConsoleProgress none = new ConsoleProgress(new PrintWriter(text), ConsoleProgress.Mode.NONE, Duration.ZERO);
        none.started("dlq", "target", 1);
        none.progress(new DlqReplayProgress(1, 1, 0, 0, 0, Duration.ofSeconds(1)));
        assertThat(text.toString()).isEmpty();
    }
}
