package dev.taskapi.api;

/**
 * The strong entity tag of a resource's version ({@code "3"}): the value of its {@code ETag} header, of the
 * {@code etag} member its JSON carries, and what {@code If-Match} (or a batch operation's {@code if_match}) takes.
 * The member is there so that a client that learnt an object from a listing or from {@code GET /sync}, never from
 * its own route, can still make its next write conditional on it.
 */
public final class EntityTags {
  private EntityTags() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }
}
