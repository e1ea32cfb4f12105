"""cqip: track the targets of Chongqing's 2016 IP-strong-city plan against sourced actuals."""

__version__ = "0.1.0"
