package io.sirsi.host.api;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is configured (by the host, through java.util.logging and SLF4J), so that it does
 * not print "There is no Helidon logging implementation on classpath" at every start. Found by Helidon's
 * service loader.
 */
public final class HelidonLogging implements LoggingProvider {
    /** For the service loader. */
    public HelidonLogging() {}

    @Override
    public void initialization() {}

    @Override
    public void runTime() {}
}
