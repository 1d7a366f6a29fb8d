pub mod list;
pub mod string;
