package dev.taskapi.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution, injectable so that tests can give a host a different answer each time. */
@FunctionalInterface
public interface Resolver {
  /** The system's resolver (on Lambda: the VPC's or the service's DNS). */
  Resolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String host) throws UnknownHostException;
}
