"""Publishing a year: freeze its records, deploy a mike version, write the offline archive."""


class PublishError(Exception):
    """Publishing cannot go on; the message is Chinese and meant for the user."""
