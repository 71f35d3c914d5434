/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.time.Duration;

/** Waits between attempts; tests replace it so that schedules are checked without wall time. */
interface Sleeper {

    /** The real one. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
