package org.jstap.sim.net;

import org.jstap.sim.lib.IovIter;

/**
 * struct msghdr (include/linux/socket.h), the kernel's view of one send or receive: the
 * address (a kernel copy, struct sockaddr_storage), the data's iterator, the control buffer and
 * the flags. On the way in, {@code msg_control} holds the control messages copied from the
 * sender; on the way out, received control messages are written at {@code msg_control_user},
 * which advances while {@code msg_controllen} shrinks, as put_cmsg does.
 */
public final class Msghdr {
    /** The peer's address: where to send, or where recvmsg writes the sender's (null: none wanted). */
    public byte[] msg_name;
    public int msg_namelen;
    public IovIter msg_iter;
    /** Sending: the control messages, copied in; null when there are none. */
    public byte[] msg_control;
    /** Receiving: the user buffer for control messages. */
    public long msg_control_user;
    public int msg_controllen;
    /** Sending: the call's flags; receiving: what recvmsg reports (MSG_TRUNC, MSG_CTRUNC). */
    public int msg_flags;

    /** msg_data_left: bytes the iterator still reaches. */
    public long msg_data_left() {
        return msg_iter.iov_iter_count();
    }
}
