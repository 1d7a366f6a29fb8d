//! The model's two errors: [`AwsError`], what an AWS API refuses, for every service, and
//! [`SimError`], why a simulation stopped early.

/// What an AWS API refuses: the API's error code (a constant from [`crate::model::codes`])
/// and the message in AWS's wording. The operation (`CreateSubnet`) is not here: the
/// command layer adds it from the command's spec when it turns this into a
/// [`crate::command::CommandError`] (`?` does the conversion).
#[derive(Clone, Debug, PartialEq)]
pub struct AwsError {
    pub code: &'static str,
    pub message: String,
}

impl AwsError {
    pub fn new(code: &'static str, message: impl Into<String>) -> AwsError {
        AwsError { code, message: message.into() }
    }
}

impl std::fmt::Display for AwsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for AwsError {}

/// The result of a model operation AWS may refuse.
pub type AwsResult<T> = Result<T, AwsError>;

/// Why a simulation stopped early.
#[derive(Clone, Debug, PartialEq)]
pub enum SimError {
    /// A parameter refused before or while running (a bad value, a bound exceeded).
    Invalid(AwsError),
    /// The user interrupted the run (Jupyter's ■ button).
    Interrupted,
}

impl From<AwsError> for SimError {
    fn from(e: AwsError) -> Self {
        SimError::Invalid(e)
    }
}
