//! A CRM import in the pool: done whole by the first worker (`Task::Calibrate`), the file
//! attached, its progress in thousandths of the work (`Coordinator::on_progress`).

use super::{Attachment, Coordinator, Job, JobError, Work};
use crate::worker::{JobId, Request, Task};

impl<A: Attachment> Coordinator<A> {
    /// Starts a CRM import (`Task::Calibrate`, `job` a `CalibrationJob` as JSON) in the first
    /// worker with the file attached, superseding the running job. It finishes with the
    /// `CalibrationAnswer`'s JSON; its progress counts thousandths of the work. The worker is
    /// replaced afterwards (a large file's memory is given back).
    pub fn calibrate(&mut self, job: String, file: A) -> (JobId, Vec<super::Command<A>>) {
        let id = self.begin();
        if let Some(reason) = self.unavailable.clone() {
            self.finish(id, Err(JobError::Unavailable(reason)));
        } else {
            let task = Task::Calibrate { job };
            self.send(0, Request { job: id, task }, vec![file]);
            let work = Work::Whole { fresh_after: true };
            self.job = Some(Job { id, work });
        }
        (id, self.commands())
    }
}
