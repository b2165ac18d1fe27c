package dev.taskapi.snapstart;

import java.util.ArrayList;
import java.util.List;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. Lambda takes a function's snapshot after init; org.crac {@link Resource}s registered here
 * run just before it, so that the classes, JIT state and connections the first request needs are already in
 * the snapshot instead of being loaded after restore. While a resource primes, {@link #active()} is true, and
 * the DynamoDB clients refuse every write (see {@code PrimingWriteGuard}): priming may read, never write.
 */
public final class Priming {
  /** The caller of priming requests: no user has it (user ids are random version 4 UUIDs). */
  public static final String USER_ID = "00000000-0000-0000-0000-000000000000";

  private static final ScopedValue<Boolean> ACTIVE = ScopedValue.newInstance();
  /** org.crac holds resources weakly; these live as long as the function does. */
  private static final List<Resource> REGISTERED = new ArrayList<>();

  private Priming() {}

  /** Has {@code resource} run before the snapshot (and after restore) for as long as the function lives. */
  public static synchronized void register(Resource resource) {
    REGISTERED.add(resource);
    Core.getGlobalContext().register(resource);
  }

  /** What has been registered so far, in order (for tests: org.crac runs them only in a CRaC JVM). */
  static synchronized List<Resource> registered() {
    return List.copyOf(REGISTERED);
  }

  /** Runs {@code primer} with {@link #active()} true on this thread. */
  public static void run(Runnable primer) {
    ScopedValue.where(ACTIVE, Boolean.TRUE).run(primer);
  }

  /** True inside {@link #run}: the code running is priming, not serving a request. */
  public static boolean active() {
    return ACTIVE.orElse(Boolean.FALSE);
  }
}
