//! The desk's identifiers: the same validated inline text as the engine's
//! ids (1 to 24 bytes, no white space, `Copy`), one type per thing named so
//! a pass can never be handed where a request is meant.

use crate::id::short_id;

short_id!(
    /// A request taken at the desk: a complaint, a repair, a call for help
    /// (the 客服前台值班记录表's entry number).
    RequestId
);
short_id!(
    /// A department the desk forwards requests to (工程部, 安保部 ...), as
    /// the office's [`DeskPolicy`](super::DeskPolicy) configures it.
    DepartmentId
);
short_id!(
    /// What a request is about, for routing (`plumbing`, `noise`, `lift`).
    TopicId
);
short_id!(
    /// A renovation worker's temporary pass (装修工人临时出入证).
    PassId
);
short_id!(
    /// A release of goods or a move-out (物品放行单).
    ReleaseId
);
short_id!(
    /// An item of mail or a newspaper logged in (邮件收发记录表's entry).
    MailId
);
short_id!(
    /// One shift handover and its record (交接班记录).
    HandoverId
);
short_id!(
    /// An open item the outgoing shift writes into its handover record, or
    /// a question the incoming raises (a lent key, a camera out of order).
    NoteId
);
short_id!(
    /// A member of the desk's staff: a clerk, the supervisor, the manager.
    StaffId
);
short_id!(
    /// A resident the desk knows: an owner, a tenant, a household member.
    ResidentId
);
