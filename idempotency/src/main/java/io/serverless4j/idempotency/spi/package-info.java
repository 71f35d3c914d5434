/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The store SPI: implement {@link io.serverless4j.idempotency.spi.IdempotencyStore} to keep idempotency records
 * somewhere other than DynamoDB or memory.
 */
package io.serverless4j.idempotency.spi;
