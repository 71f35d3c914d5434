/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import io.serverless4j.testing.LocalAwsException;

/** Starts WireMock servers the way the local AWS needs them: loopback only, quiet, no request journal. */
public final class WireMocks {

    private WireMocks() {}

    /**
     * Starts a WireMock server.
     *
     * @param port the port, or 0 for any free port
     * @param what what it stands in for, for error messages
     * @param extensions its extensions
     * @return the started server
     */
    public static WireMockServer start(int port, String what, Extension... extensions) {
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .disableRequestJournal()
                .notifier(new QuietNotifier())
                .extensions(extensions);
        options = port == 0 ? options.dynamicPort() : options.port(port);
        WireMockServer server = new WireMockServer(options);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new LocalAwsException("WireMock (" + what + ") did not start on 127.0.0.1:" + port + ": " + e, e);
        }
        return server;
    }

    /** WireMock's console notifier prints every proxied request; we only want its errors. */
    private static final class QuietNotifier implements Notifier {
        @Override
        public void info(String message) {}

        @Override
        public void error(String message) {
            System.err.println("[wiremock] " + message);
        }

        @Override
        public void error(String message, Throwable t) {
            System.err.println("[wiremock] " + message + ": " + t);
        }
    }
}
