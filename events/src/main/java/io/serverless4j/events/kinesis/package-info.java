/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Kinesis Data Streams events ({@link io.serverless4j.events.kinesis.KinesisEvent}). */
package io.serverless4j.events.kinesis;
