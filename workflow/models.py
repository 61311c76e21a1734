# Direction, assignments and approval chains arrive with the incoming and outgoing document issues.
