/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Amazon S3 event notifications: the direct {@code Records[]} shape ({@link io.serverless4j.events.s3.S3Event})
 * and the EventBridge detail of {@code Object Created} / {@code Object Deleted}
 * ({@link io.serverless4j.events.s3.S3ObjectEventDetail}).
 */
package io.serverless4j.events.s3;
