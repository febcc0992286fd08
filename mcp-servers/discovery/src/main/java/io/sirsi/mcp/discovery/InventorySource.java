package io.sirsi.mcp.discovery;

import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.Inventory;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a discovery server's inventories come from: a bundled demo estate, or a cloud through its SDK.
 * Failures are {@link SourceException}s whose message a user can act on (no credentials, access
 * denied, an unknown region), never a stack trace.
 */
public interface InventorySource {
    /** What the data comes from, for answers and logs: {@code demo estate kulturio}, {@code AWS profile prod}. */
    String describe();

    /**
     * Whether the data is local (a bundled estate): then the tenants are listed as resources at once;
     * a remote source is not contacted before a client asks for something.
     */
    default boolean local() {
        return false;
    }

    /** The tenants this source can see. */
    List<Account> accounts();

    /** The resource types this source can collect. */
    Set<String> types();

    /**
     * Collects one tenant's resources, optionally limited to a region and to types, reporting each
     * step and stopping if {@code progress} says the caller cancelled.
     */
    Inventory collect(Account account, Optional<String> region, Set<String> types, Progress progress);

    /** Reports collection steps and carries cancellation. */
    interface Progress {
        /** One step done, out of {@code total} (0 if unknown). */
        void step(int done, int total, String message);

        /** Throws if the caller cancelled. */
        void checkCancelled();
    }
}
