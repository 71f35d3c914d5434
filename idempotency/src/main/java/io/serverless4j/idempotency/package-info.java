/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Idempotency keys for AWS Lambda handlers: {@link io.serverless4j.idempotency.Idempotency} runs work at most once
 * per key, with records in DynamoDB ({@link io.serverless4j.idempotency.DynamoDbIdempotencyStore}) or, in unit
 * tests, in memory ({@link io.serverless4j.idempotency.InMemoryIdempotencyStore}). No annotations, no weaving, no
 * global state. Guide: docs/idempotency.md.
 */
package io.serverless4j.idempotency;
