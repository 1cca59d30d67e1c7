//! One test harness over fixture sites (like mdBook's testsuite): sites are built end to end
//! through the library and through the real binary.

mod browser;
mod build;
mod charts;
mod check;
mod cli;
mod docs;
mod example;
mod fonts;
mod fuzz;
mod harness;
mod links;
mod publish;
mod quarter;
mod quarterly;
mod scaffold;
mod scale;
mod session;
mod slips;
mod term;
mod up_to_date;
mod update;
mod windows;
