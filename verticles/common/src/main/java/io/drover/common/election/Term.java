package io.drover.common.election;

import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * One leadership term: the leader it made and the version of the epoch znode it wrote. The
 * leader's writes to ZooKeeper check that version in the same transaction, so a deposed leader
 * (paused past its session, say, and reconnected) cannot overwrite what a newer term wrote.
 *
 * @param leader       this term's leader, with its epoch
 * @param epochVersion the znode version of the epoch znode after this term took its epoch
 * @param epochPath    the epoch znode
 */
public record Term(LeaderInfo leader, int epochVersion, String epochPath) {

  /** The fencing operation to put first in every transaction of this term. */
  public CuratorOp fence(CuratorFramework client) throws Exception {
    return client.transactionOp().check().withVersion(epochVersion).forPath(epochPath);
  }
}
