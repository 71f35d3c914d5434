/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * What every serverless4j module shares: the {@link io.serverless4j.core.Invocation} view of a Lambda context (its
 * deadline and ids), the {@link io.serverless4j.core.MdcScope} that puts those ids into the logs, the work
 * interfaces users hand in ({@link io.serverless4j.core.CheckedSupplier}, {@link io.serverless4j.core.CheckedRunnable})
 * and the {@link io.serverless4j.core.Ticker} that lets tests drive deadlines on a fake clock.
 */
package io.serverless4j.core;
