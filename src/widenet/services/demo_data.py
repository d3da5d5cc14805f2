"""The invented companies and roles of the demo search (no real company is named)."""

from __future__ import annotations

COMPANY_NAMES = (
    "Quillstone", "Brightpath Labs", "Northwind Robotics", "Tidepool Analytics", "Ember & Oak",
    "Lumen Freight", "Cobalt Harbor", "Parcelwise", "Fernhill Health", "Orbital Ledger",
    "Saltmarsh Games", "Kitebird", "Granite Mesa Cloud", "Juniper Loop", "Halcyon Bio",
    "Redwood Relay", "Patchwork Pay", "Meridian Maps", "Copperleaf", "Sundial Learning",
    "Nimbus Forge", "Driftwood Media", "Bluejay Security", "Cinder Systems", "Harborlight",
    "Foxglove AI", "Lattice Lane", "Wavecrest Energy", "Marigold Foods", "Ironbark Data",
    "Pebblestream", "Starling Mobility", "Thimble Commerce", "Verdant Grid", "Willowbyte",
    "Atlas Quarry", "Beacon Hollow", "Cloudberry", "Dapple Finance", "Evergreen Post",
    "Fathom Works", "Gossamer Labs", "Hearthstone Homes",
)  # fmt: skip

ROLES = (
    ("Senior Backend Engineer", "backend"),
    ("Senior Software Engineer", "backend"),
    ("Senior Full-Stack Engineer", "full-stack"),
    ("Staff Engineer, Platform", "backend"),
    ("Senior iOS Engineer", "iOS"),
    ("Senior Data Engineer", "data"),
)

LOCATIONS = ("San Francisco", "New York", "Seattle", "Austin", "Boston", "Remote (US)")

INTERVIEWERS = (
    "Priya N.", "Marcus T.", "Elena R.", "Jon K.", "Aiko S.", "Femi O.", "Rosa G.", "Dmitri V.",
    "Hannah L.", "Tomás B.", "Grace W.", "Omar H.",
)  # fmt: skip

RECRUITERS = (
    "Casey Morgan",
    "Jordan Blake",
    "Riley Chen",
    "Taylor Brooks",
    "Avery Patel",
    "Quinn Rivera",
)

REFERRER = "Dana Whitfield"

WITHDRAW_REASONS = (
    "Less excited after learning more",
    "Onsites elsewhere came first",
    "Team focus did not match",
    "Process too slow for my timeline",
    "Compensation range too low",
)
